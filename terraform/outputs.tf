output "state_machine_arn" {
  description = "ARN of the EnhancementRun state machine (start runs here; other state machines use states:startExecution.sync:2)."
  value       = aws_sfn_state_machine.run.arn
}

output "state_machine_name" {
  description = "Name of the state machine."
  value       = aws_sfn_state_machine.run.name
}

output "run_store_bucket" {
  description = "The S3 run-store bucket (reports at spaces/{spaceId}/runs/{runId}/report.{json,md})."
  value       = aws_s3_bucket.run_store.bucket
}

output "function_names" {
  description = "Lambda function name per Funqy function."
  value       = { for k, f in aws_lambda_function.fn : k => f.function_name }
}

output "function_arns" {
  description = "Lambda function ARN per Funqy function."
  value       = { for k, f in aws_lambda_function.fn : k => f.arn }
}

output "databricks_secret_arn" {
  description = "Secret to fill with the Databricks credentials (terraform/README.md)."
  value       = aws_secretsmanager_secret.databricks.arn
}

output "llm_secret_arn" {
  description = "Secret to fill with the LLM endpoint credentials (terraform/README.md)."
  value       = aws_secretsmanager_secret.llm.arn
}

output "event_rule_name" {
  description = "EventBridge rule starting runs on benchmark events (null when disabled)."
  value       = one(aws_cloudwatch_event_rule.benchmark_completed[*].name)
}

output "event_dead_letter_queue_url" {
  description = "Dead-letter queue of events that could not start a run (null when disabled)."
  value       = one(aws_sqs_queue.event_dlq[*].url)
}

output "event_bus_name" {
  description = "Event bus to put \"Genie Benchmark Run Completed\" events on (null when the trigger is off)."
  value       = var.enable_event_trigger ? local.event_bus_name : null
}
