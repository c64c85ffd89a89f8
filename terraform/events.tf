# "Genie Benchmark Run Completed" events start a run (event format: docs/orchestration.md).

# A dedicated bus, so that who may start runs is this module's decision, not the default bus's: only
# events with our source are accepted, and with event_publisher_arns only those principals may put them.
resource "aws_cloudwatch_event_bus" "benchmarks" {
  count = var.enable_event_trigger && var.event_bus_name == null ? 1 : 0
  name  = "${var.name_prefix}-benchmarks"
}

locals {
  event_bus_name = var.event_bus_name != null ? var.event_bus_name : one(aws_cloudwatch_event_bus.benchmarks[*].name)
  event_bus_statements = concat(
    [{
      Sid       = "OnlyBenchmarkEvents"
      Effect    = "Deny"
      Principal = "*"
      Action    = "events:PutEvents"
      Resource  = one(aws_cloudwatch_event_bus.benchmarks[*].arn)
      Condition = { StringNotEquals = { "events:source" = "genie.enhancer" } }
    }],
    [
      {
        Sid       = "NamedPublishers"
        Effect    = "Allow"
        Principal = { AWS = var.event_publisher_arns }
        Action    = "events:PutEvents"
        Resource  = one(aws_cloudwatch_event_bus.benchmarks[*].arn)
        Condition = { StringEquals = { "events:source" = "genie.enhancer" } }
      },
      {
        Sid       = "NobodyElse"
        Effect    = "Deny"
        Principal = "*"
        Action    = "events:PutEvents"
        Resource  = one(aws_cloudwatch_event_bus.benchmarks[*].arn)
        Condition = { ArnNotLike = { "aws:PrincipalArn" = var.event_publisher_arns } }
      },
    ],
  )
  # the two publisher statements only when publishers are named (an empty list would deny everyone)
  event_bus_policy = [for s in local.event_bus_statements : s if s.Sid == "OnlyBenchmarkEvents" || length(var.event_publisher_arns) > 0]
}

resource "aws_cloudwatch_event_bus_policy" "benchmarks" {
  count          = length(aws_cloudwatch_event_bus.benchmarks)
  event_bus_name = aws_cloudwatch_event_bus.benchmarks[0].name
  policy         = jsonencode({ Version = "2012-10-17", Statement = local.event_bus_policy })
}
resource "aws_cloudwatch_event_rule" "benchmark_completed" {
  count          = var.enable_event_trigger ? 1 : 0
  name           = "${var.name_prefix}-benchmark-completed"
  description    = "Starts a Genie Space Enhancer run when a benchmark run of a Genie space completes."
  event_bus_name = local.event_bus_name
  event_pattern  = local.event_pattern
}

resource "aws_cloudwatch_event_target" "start_run" {
  count          = var.enable_event_trigger ? 1 : 0
  rule           = aws_cloudwatch_event_rule.benchmark_completed[0].name
  event_bus_name = local.event_bus_name
  target_id      = "enhancement-run"
  arn            = aws_sfn_state_machine.run.arn
  role_arn       = aws_iam_role.events[0].arn

  # The state machine reads {request, trigger}: request = the event's detail, trigger.eventId names the
  # execution. Only paths the pattern guarantees are used; the state machine keeps only the detail's
  # spaceId, evalRunId and resultsKey (optional fields cannot be picked here: a path that is missing from
  # the event would have to be written into the template anyway).
  input_transformer {
    input_paths = {
      id         = "$.id"
      source     = "$.source"
      detailType = "$.detail-type"
      time       = "$.time"
      detail     = "$.detail"
    }
    input_template = <<-EOT
      {"request": <detail>, "trigger": {"source": "eventbridge", "eventId": "<id>", "eventSource": "<source>", "detailType": "<detailType>", "time": "<time>"}}
    EOT
  }

  retry_policy {
    maximum_event_age_in_seconds = var.event_max_age_seconds
    maximum_retry_attempts       = var.event_retry_attempts
  }

  dead_letter_config {
    arn = aws_sqs_queue.event_dlq[0].arn
  }
}

resource "aws_sqs_queue" "event_dlq" {
  count                     = var.enable_event_trigger ? 1 : 0
  name                      = "${var.name_prefix}-benchmark-completed-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null
  kms_master_key_id         = var.kms_key_arn
}

resource "aws_sqs_queue_policy" "event_dlq" {
  count     = var.enable_event_trigger ? 1 : 0
  queue_url = aws_sqs_queue.event_dlq[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EventBridgeDeadLetters"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.event_dlq[0].arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.benchmark_completed[0].arn } }
    }]
  })
}
