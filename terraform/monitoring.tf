locals {
  execution_alarms = {
    failed    = { metric = "ExecutionsFailed", text = "failed" }
    timed-out = { metric = "ExecutionsTimedOut", text = "timed out" }
    aborted   = { metric = "ExecutionsAborted", text = "were aborted" }
  }
}

resource "aws_cloudwatch_metric_alarm" "executions" {
  for_each            = local.execution_alarms
  alarm_name          = "${local.state_machine_name}-executions-${each.key}"
  alarm_description   = "Genie Space Enhancer runs ${each.value.text}: see the execution's error (e.g. LockHeld, SpaceNotFound) in the Step Functions console."
  namespace           = "AWS/States"
  metric_name         = each.value.metric
  dimensions          = { StateMachineArn = aws_sfn_state_machine.run.arn }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "event_dead_letters" {
  count               = var.enable_event_trigger ? 1 : 0
  alarm_name          = "${var.name_prefix}-benchmark-completed-dead-letters"
  alarm_description   = "Benchmark events that could not start a run are waiting in the dead-letter queue."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.event_dlq[0].name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}
