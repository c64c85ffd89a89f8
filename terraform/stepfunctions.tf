resource "aws_cloudwatch_log_group" "state_machine" {
  name              = "/aws/vendedlogs/states/${local.state_machine_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

locals {
  definition = templatefile("${path.module}/statemachine/enhancement-run.asl.json.tftpl", merge(
    { for f in local.state_machine_functions : "function_arn_${f}" => aws_lambda_function.fn[f].arn },
    {
      default_max_iterations    = var.default_max_iterations
      default_target_score      = var.default_target_score
      default_strategy          = var.default_strategy
      default_evaluator         = var.default_evaluator
      default_tolerance         = var.default_tolerance
      lock_ttl_seconds          = var.lock_ttl_seconds
      evaluation_poll_seconds   = var.evaluation_poll_seconds
      execution_timeout_seconds = var.execution_timeout_seconds
      # Step Functions ends an execution at 25,000 history events; the run stops itself here, with room to clean up
      history_budget        = 24000
      max_transient_retries = var.max_transient_retries
      question_concurrency  = var.question_concurrency
    }
  ))
}

resource "aws_sfn_state_machine" "run" {
  name       = local.state_machine_name
  type       = "STANDARD"
  role_arn   = aws_iam_role.state_machine.arn
  definition = local.definition

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.state_machine.arn}:*"
    include_execution_data = var.log_execution_data
    level                  = var.state_machine_log_level
  }

  depends_on = [aws_iam_role_policy.state_machine]
}
