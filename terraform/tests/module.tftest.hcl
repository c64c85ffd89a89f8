# Offline checks of the module with a mocked AWS provider: no account, no credentials.
# Run from terraform/:  terraform init -backend=false -plugin-dir=/opt/tf-plugins && terraform test

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::genie-enhancer-runs-123456789012-eu-west-1" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/genie-enhancer-mock" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mock" }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:genie-enhancer/mock-AbCdEf" }
  }
  mock_resource "aws_sfn_state_machine" {
    defaults = { arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:genie-enhancer-run" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:genie-enhancer-benchmark-completed-dlq"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/genie-enhancer-benchmark-completed-dlq"
    }
  }
  mock_resource "aws_cloudwatch_event_bus" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:event-bus/genie-enhancer-benchmarks" }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:rule/genie-enhancer-benchmark-completed" }
  }
}

variables {
  package_path = "tests/fixtures/function.zip"
}

run "deploys_a_safe_run_store" {
  command = apply

  assert {
    condition     = aws_s3_bucket_versioning.run_store.versioning_configuration[0].status == "Enabled"
    error_message = "the run-store bucket must be versioned (rollback reads snapshot versions)"
  }
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.run_store.block_public_acls,
      aws_s3_bucket_public_access_block.run_store.block_public_policy,
      aws_s3_bucket_public_access_block.run_store.ignore_public_acls,
      aws_s3_bucket_public_access_block.run_store.restrict_public_buckets,
    ])
    error_message = "public access must be blocked on every count"
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.run_store.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "objects are encrypted (SSE-S3 without a KMS key)"
  }
  assert {
    condition     = jsondecode(aws_s3_bucket_policy.run_store.policy).Statement[0].Effect == "Deny" && jsondecode(aws_s3_bucket_policy.run_store.policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false"
    error_message = "the bucket policy must deny requests without TLS"
  }
  assert {
    condition     = [for r in aws_s3_bucket_lifecycle_configuration.run_store.rule : r.expiration[0].days if r.id == "expire-old-runs"] == [365]
    error_message = "old runs expire after run_retention_days"
  }
  assert {
    condition     = aws_s3_bucket.run_store.bucket == "genie-enhancer-runs-123456789012-eu-west-1"
    error_message = "bucket name is derived from prefix, account and region"
  }
}

run "deploys_one_lambda_per_function_from_one_zip" {
  command = apply

  assert {
    condition     = length(aws_lambda_function.fn) == 11
    error_message = "one Lambda per exported Funqy function"
  }
  assert {
    condition     = alltrue([for k, f in aws_lambda_function.fn : f.runtime == "provided.al2023" && f.handler == "not.used.in.provided.runtime" && f.architectures == tolist(["x86_64"])])
    error_message = "native runtime provided.al2023 on x86_64 by default"
  }
  assert {
    condition     = alltrue([for k, f in aws_lambda_function.fn : f.environment[0].variables["QUARKUS_FUNQY_EXPORT"] == k])
    error_message = "each Lambda exports its own function"
  }
  assert {
    condition     = alltrue([for k, f in aws_lambda_function.fn : f.environment[0].variables["ENHANCER_STORE_BUCKET"] == aws_s3_bucket.run_store.bucket && f.environment[0].variables["ENHANCER_DATABRICKS_SECRET_ID"] == aws_secretsmanager_secret.databricks.arn && f.environment[0].variables["ENHANCER_LLM_SECRET_ID"] == aws_secretsmanager_secret.llm.arn])
    error_message = "each Lambda is told its bucket and secret ids (never secret values)"
  }
  assert {
    condition     = alltrue([for k, f in aws_lambda_function.fn : f.filename == "tests/fixtures/function.zip" && f.source_code_hash == filebase64sha256("tests/fixtures/function.zip")])
    error_message = "all functions deploy the same package"
  }
  assert {
    condition     = aws_lambda_function.fn["enhance"].timeout == 900 && aws_lambda_function.fn["acquireLock"].timeout == 60
    error_message = "timeouts per function with a 60 s default"
  }
  assert {
    condition     = alltrue([for k, g in aws_cloudwatch_log_group.function : g.retention_in_days == 30]) && aws_cloudwatch_log_group.state_machine.retention_in_days == 30
    error_message = "log groups have a retention"
  }
}

run "renders_the_state_machine_against_the_functions" {
  command = apply

  assert {
    condition     = jsondecode(aws_sfn_state_machine.run.definition).States.Enhance.Parameters.FunctionName == aws_lambda_function.fn["enhance"].arn
    error_message = "the Enhance task invokes the enhance Lambda"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.run.definition).States.EvaluateQuestions.ItemProcessor.States.EvaluateQuestion.Parameters.FunctionName == aws_lambda_function.fn["evaluateQuestion"].arn
    error_message = "the Map of the self-run evaluator invokes evaluateQuestion"
  }
  assert {
    condition = toset([for name, s in jsondecode(aws_sfn_state_machine.run.definition).States : s.Parameters.FunctionName if s.Type == "Task" && try(s.Resource, "") == "arn:aws:states:::lambda:invoke"]) == toset([
      for f in ["acquireLock", "releaseLock", "startEvaluation", "pollEvaluation", "enhance", "judge", "rollback", "finish"] : aws_lambda_function.fn[f].arn
    ])
    error_message = "the top-level tasks invoke exactly the state machine's functions"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.run.definition).States.ApplyDefaults.Parameters.defaults.maxIterations == 3 && jsondecode(aws_sfn_state_machine.run.definition).States.ApplyDefaults.Parameters.defaults.targetScore == 0.9 && jsondecode(aws_sfn_state_machine.run.definition).States.EvaluateQuestions.MaxConcurrency == 1
    error_message = "variables reach the definition"
  }
  assert {
    condition     = aws_sfn_state_machine.run.type == "STANDARD" && aws_sfn_state_machine.run.logging_configuration[0].level == "ERROR"
    error_message = "a standard workflow (runs take hours; execution names dedupe) with error logging"
  }
}

run "grants_least_privilege" {
  command = apply

  assert {
    condition     = alltrue([for f, p in aws_iam_role_policy.lambda : [for s in jsondecode(p.policy).Statement : s.Resource if s.Sid == "RunStoreObjects"] == [["${aws_s3_bucket.run_store.arn}/spaces/*"]]])
    error_message = "functions read and write only the run-store prefix of their bucket"
  }
  assert {
    condition     = alltrue([for f, p in aws_iam_role_policy.lambda : [for s in jsondecode(p.policy).Statement : s.Condition.StringLike["s3:prefix"] if s.Sid == "RunStoreListing"] == [["spaces/*"]]])
    error_message = "listing is limited to the run-store prefix"
  }
  assert {
    condition = { for f, p in aws_iam_role_policy.lambda : f => flatten([for s in jsondecode(p.policy).Statement : s.Resource if s.Sid == "Secrets"]) } == {
      snapshot        = [aws_secretsmanager_secret.databricks.arn], restore = [aws_secretsmanager_secret.databricks.arn]
      startEvaluation = [aws_secretsmanager_secret.databricks.arn], evaluateQuestion = [aws_secretsmanager_secret.databricks.arn]
      pollEvaluation  = [aws_secretsmanager_secret.databricks.arn], rollback = [aws_secretsmanager_secret.databricks.arn]
      enhance         = [aws_secretsmanager_secret.databricks.arn, aws_secretsmanager_secret.llm.arn]
      acquireLock     = [], releaseLock = [], judge = [], finish = []
    }
    error_message = "each function reads only the secrets it uses: the LLM key only enhance, the Databricks token only the functions that call Databricks"
  }
  assert {
    condition     = length(distinct([for f, r in aws_iam_role.lambda : r.name])) == 11 && alltrue([for f, fn in aws_lambda_function.fn : fn.role == aws_iam_role.lambda[f].arn])
    error_message = "one role per function"
  }
  assert {
    condition     = !contains(flatten([for f, p in aws_iam_role_policy.lambda : [for s in jsondecode(p.policy).Statement : s.Resource]]), "*")
    error_message = "no wildcard resource for the functions"
  }
  assert {
    condition     = toset(flatten([for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s.Resource if s.Sid == "InvokeItsFunctions"])) == toset(flatten([for f in ["acquireLock", "releaseLock", "startEvaluation", "evaluateQuestion", "pollEvaluation", "enhance", "judge", "rollback", "finish"] : [aws_lambda_function.fn[f].arn, "${aws_lambda_function.fn[f].arn}:*"]]))
    error_message = "the state machine invokes only its nine functions"
  }
  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s.Resource if s.Sid == "RestartItselfUnderTheEventName"] == [["arn:aws:states:eu-west-1:123456789012:stateMachine:genie-enhancer-run"]]
    error_message = "the state machine may start only itself"
  }
  assert {
    condition     = jsondecode(aws_iam_role_policy.events[0].policy).Statement[0].Resource == [aws_sfn_state_machine.run.arn]
    error_message = "EventBridge may start only the state machine"
  }
}

run "starts_runs_from_benchmark_events" {
  command = apply

  assert {
    condition     = aws_cloudwatch_event_target.start_run[0].arn == aws_sfn_state_machine.run.arn
    error_message = "the EventBridge target is the state machine"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.benchmark_completed[0].event_pattern) == jsondecode(file("events/benchmark-completed.pattern.json"))
    error_message = "the rule uses the pattern file the Event Ruler test checks"
  }
  assert {
    condition     = aws_cloudwatch_event_target.start_run[0].dead_letter_config[0].arn == aws_sqs_queue.event_dlq[0].arn && aws_cloudwatch_event_target.start_run[0].retry_policy[0].maximum_retry_attempts == 10
    error_message = "failed deliveries are retried, then dead-lettered"
  }
  assert {
    condition     = aws_cloudwatch_event_target.start_run[0].input_transformer[0].input_paths["id"] == "$.id" && aws_cloudwatch_event_target.start_run[0].input_transformer[0].input_paths["detail"] == "$.detail"
    error_message = "the input transformer passes the event id and detail"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.benchmark_completed[0].event_bus_name == "genie-enhancer-benchmarks" && aws_cloudwatch_event_target.start_run[0].event_bus_name == "genie-enhancer-benchmarks" && output.event_bus_name == "genie-enhancer-benchmarks"
    error_message = "the rule listens on a dedicated bus, not the account's default bus"
  }
  assert {
    condition     = [for s in jsondecode(aws_cloudwatch_event_bus_policy.benchmarks[0].policy).Statement : s.Sid] == ["OnlyBenchmarkEvents"] && jsondecode(aws_cloudwatch_event_bus_policy.benchmarks[0].policy).Statement[0].Condition.StringNotEquals["events:source"] == "genie.enhancer"
    error_message = "the bus refuses events of any other source"
  }
  assert {
    condition     = jsondecode(aws_sqs_queue_policy.event_dlq[0].policy).Statement[0].Condition.ArnEquals["aws:SourceArn"] == aws_cloudwatch_event_rule.benchmark_completed[0].arn
    error_message = "only the rule may dead-letter into the queue"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.executions["failed"].metric_name == "ExecutionsFailed" && aws_cloudwatch_metric_alarm.executions["failed"].dimensions["StateMachineArn"] == aws_sfn_state_machine.run.arn
    error_message = "failed executions raise an alarm"
  }
}

run "honours_architecture_kms_and_the_below_target_filter" {
  command = apply

  variables {
    architecture            = "arm64"
    kms_key_arn             = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    start_only_below_target = true
    below_target_threshold  = 0.8
    question_concurrency    = 2
  }

  assert {
    condition     = alltrue([for k, f in aws_lambda_function.fn : f.architectures == tolist(["arm64"])])
    error_message = "architecture is a variable"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.benchmark_completed[0].event_pattern).detail.score == [{ numeric = ["<", 0.8] }]
    error_message = "the optional filter starts runs only below the threshold"
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.run_store.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
    error_message = "a KMS key switches the bucket to SSE-KMS"
  }
  assert {
    condition     = alltrue([for f, p in aws_iam_role_policy.lambda : [for s in jsondecode(p.policy).Statement : s.Resource if s.Sid == "Encryption"] == [[var.kms_key_arn]]])
    error_message = "functions may use only that key"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.run.definition).States.EvaluateQuestions.MaxConcurrency == 2
    error_message = "question concurrency reaches the Map"
  }
  assert {
    condition     = jsondecode(aws_sfn_state_machine.run.definition).States.EvaluateQuestions.ItemProcessor.ProcessorConfig.Mode == "DISTRIBUTED" && [for st in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : st.Resource if st.Sid == "RunItsMapChildren"] == [["arn:aws:states:eu-west-1:123456789012:execution:genie-enhancer-run/*"]]
    error_message = "questions run as Distributed Map children, which the state machine may describe and stop"
  }
}

run "lets_only_the_named_publishers_put_events" {
  command = apply

  variables {
    event_publisher_arns = ["arn:aws:iam::210987654321:role/benchmark-runner"]
  }

  assert {
    condition     = [for s in jsondecode(aws_cloudwatch_event_bus_policy.benchmarks[0].policy).Statement : "${s.Sid}:${s.Effect}"] == ["OnlyBenchmarkEvents:Deny", "NamedPublishers:Allow", "NobodyElse:Deny"]
    error_message = "source filter, the named publishers, and a deny for everyone else"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_bus_policy.benchmarks[0].policy).Statement[2].Condition.ArnNotLike["aws:PrincipalArn"] == ["arn:aws:iam::210987654321:role/benchmark-runner"]
    error_message = "principals outside the list are denied even when their own IAM policy allows events:PutEvents"
  }
}

run "uses_an_existing_bus_when_named" {
  command = plan

  variables {
    event_bus_name = "default"
  }

  assert {
    condition     = length(aws_cloudwatch_event_bus.benchmarks) == 0 && length(aws_cloudwatch_event_bus_policy.benchmarks) == 0 && aws_cloudwatch_event_rule.benchmark_completed[0].event_bus_name == "default"
    error_message = "an existing bus is used as it is"
  }
}

run "refuses_a_publisher_that_is_not_a_principal_arn" {
  command = plan

  variables {
    event_publisher_arns = ["*"]
  }

  expect_failures = [var.event_publisher_arns]
}

run "can_run_without_the_event_trigger" {
  command = plan

  variables {
    enable_event_trigger = false
  }

  assert {
    condition     = length(aws_cloudwatch_event_rule.benchmark_completed) == 0 && length(aws_sqs_queue.event_dlq) == 0 && length(aws_iam_role.events) == 0 && length(aws_cloudwatch_event_bus.benchmarks) == 0
    error_message = "no rule, queue or role when the trigger is off"
  }
}

run "rejects_an_unknown_architecture" {
  command = plan

  variables {
    architecture = "sparc"
  }

  expect_failures = [var.architecture]
}

run "rejects_a_target_score_above_one" {
  command = plan

  variables {
    default_target_score = 1.5
  }

  expect_failures = [var.default_target_score]
}

run "refuses_to_deploy_without_a_package" {
  command = plan

  variables {
    package_path = "tests/fixtures/missing.zip"
  }

  expect_failures = [aws_lambda_function.fn]
}
