data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Funqy function (QUARKUS_FUNQY_EXPORT) => Lambda name suffix. snapshot and restore are not called
  # by the state machine; they are deployed for operators (take a snapshot, undo a run by hand).
  functions = {
    snapshot         = "snapshot"
    restore          = "restore"
    acquireLock      = "acquire-lock"
    releaseLock      = "release-lock"
    startEvaluation  = "start-evaluation"
    evaluateQuestion = "evaluate-question"
    pollEvaluation   = "poll-evaluation"
    judge            = "judge"
    enhance          = "enhance"
    rollback         = "rollback"
    finish           = "finish"
  }
  state_machine_functions = ["acquireLock", "releaseLock", "startEvaluation", "evaluateQuestion", "pollEvaluation", "enhance", "judge", "rollback", "finish"]

  package_path   = coalesce(var.package_path, "${path.module}/../target/function.zip")
  lambda_handler = var.lambda_runtime == "provided.al2023" ? "not.used.in.provided.runtime" : "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"

  bucket_name        = coalesce(var.bucket_name, "${var.name_prefix}-runs-${local.account_id}-${local.region}")
  state_machine_name = "${var.name_prefix}-run"
  # Built from parts (not from the resource) so the state machine's role can name it without a cycle.
  state_machine_arn = "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${local.state_machine_name}"
  # Every run-store key starts with spaces/ (io.genieenhancer.store.RunKeys); the functions need nothing else.
  run_store_prefix = "spaces/"

  event_pattern = (var.start_only_below_target
    ? templatefile("${path.module}/events/benchmark-completed-below-target.pattern.json.tftpl", { threshold = coalesce(var.below_target_threshold, var.default_target_score) })
  : file("${path.module}/events/benchmark-completed.pattern.json"))
}
