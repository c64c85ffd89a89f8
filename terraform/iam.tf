# ---------------------------------------------------------------- the functions' roles
# One role per function: each reads only the secrets it uses and writes only its own log group, so a
# flaw in judge or finish (no Databricks call) cannot reach the workspace token.
resource "aws_iam_role" "lambda" {
  for_each = local.functions
  name     = "${var.name_prefix}-${each.value}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

locals {
  # Which functions call Databricks, and which call the LLM (the Java classes that inject them:
  # SpaceFunctions, EvaluationFunctions except judge, EnhanceFunctions).
  databricks_functions = ["snapshot", "restore", "startEvaluation", "evaluateQuestion", "pollEvaluation", "enhance", "rollback"]
  llm_functions        = ["enhance"]
  function_secrets = { for f in keys(local.functions) : f => concat(
    contains(local.databricks_functions, f) ? [aws_secretsmanager_secret.databricks.arn] : [],
    contains(local.llm_functions, f) ? [aws_secretsmanager_secret.llm.arn] : [],
  ) }

  # Least privilege: the run-store prefix of one bucket, the function's own secrets and log group.
  lambda_policies = { for f in keys(local.functions) : f => {
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "RunStoreObjects"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject"]
        Resource = ["${aws_s3_bucket.run_store.arn}/${local.run_store_prefix}*"]
      },
      {
        Sid       = "RunStoreListing"
        Effect    = "Allow"
        Action    = ["s3:ListBucket", "s3:ListBucketVersions"]
        Resource  = [aws_s3_bucket.run_store.arn]
        Condition = { StringLike = { "s3:prefix" = ["${local.run_store_prefix}*"] } }
      },
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["${aws_cloudwatch_log_group.function[f].arn}:*"]
      },
      ], length(local.function_secrets[f]) == 0 ? [] : [{
        Sid      = "Secrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = local.function_secrets[f]
        }], var.kms_key_arn == null ? [] : [{
        Sid      = "Encryption"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = [var.kms_key_arn]
    }])
  } }
}

resource "aws_iam_role_policy" "lambda" {
  for_each = local.functions
  name     = "run-store-and-secrets"
  role     = aws_iam_role.lambda[each.key].id
  policy   = jsonencode(local.lambda_policies[each.key])
}

# ---------------------------------------------------------------- the state machine's role
resource "aws_iam_role" "state_machine" {
  name = "${var.name_prefix}-states"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "states.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

locals {
  state_machine_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "InvokeItsFunctions"
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = flatten([for f in local.state_machine_functions : [aws_lambda_function.fn[f].arn, "${aws_lambda_function.fn[f].arn}:*"]])
      },
      {
        # An EventBridge-started execution restarts itself under a name derived from the event id.
        Sid      = "RestartItselfUnderTheEventName"
        Effect   = "Allow"
        Action   = ["states:StartExecution"]
        Resource = [local.state_machine_arn]
      },
      {
        # The Distributed Map (EvaluateQuestions) runs each question as a child execution of this state machine.
        Sid      = "RunItsMapChildren"
        Effect   = "Allow"
        Action   = ["states:DescribeExecution", "states:StopExecution"]
        Resource = ["arn:${local.partition}:states:${local.region}:${local.account_id}:execution:${local.state_machine_name}/*"]
      },
      {
        # Log delivery for Step Functions can only be granted on "*" (AWS requirement).
        Sid    = "ExecutionLogs"
        Effect = "Allow"
        Action = [
          "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
        ]
        Resource = ["*"]
      },
    ]
  }
}

resource "aws_iam_role_policy" "state_machine" {
  name   = "invoke-functions"
  role   = aws_iam_role.state_machine.id
  policy = jsonencode(local.state_machine_policy)
}

# ---------------------------------------------------------------- EventBridge's role
resource "aws_iam_role" "events" {
  count = var.enable_event_trigger ? 1 : 0
  name  = "${var.name_prefix}-events"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "events" {
  count = var.enable_event_trigger ? 1 : 0
  name  = "start-enhancement-run"
  role  = aws_iam_role.events[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["states:StartExecution"]
      Resource = [aws_sfn_state_machine.run.arn]
    }]
  })
}
