# "Genie Benchmark Run Completed" events start a run (event format: docs/orchestration.md).
resource "aws_cloudwatch_event_rule" "benchmark_completed" {
  count          = var.enable_event_trigger ? 1 : 0
  name           = "${var.name_prefix}-benchmark-completed"
  description    = "Starts a Genie Space Enhancer run when a benchmark run of a Genie space completes."
  event_bus_name = var.event_bus_name
  event_pattern  = local.event_pattern
}

resource "aws_cloudwatch_event_target" "start_run" {
  count          = var.enable_event_trigger ? 1 : 0
  rule           = aws_cloudwatch_event_rule.benchmark_completed[0].name
  event_bus_name = var.event_bus_name
  target_id      = "enhancement-run"
  arn            = aws_sfn_state_machine.run.arn
  role_arn       = aws_iam_role.events[0].arn

  # The state machine reads {request, trigger}: request = the event's detail (same fields as a console
  # start), trigger.eventId names the execution. Only paths the pattern guarantees are used.
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
