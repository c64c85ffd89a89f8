# ---------------------------------------------------------------- placement
variable "aws_region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like eu-west-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name (functions, state machine, bucket, secrets, rule)."
  type        = string
  default     = "genie-enhancer"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix: 3-32 characters of lower-case letters, digits and '-', starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------- Lambda
variable "package_path" {
  description = "The function.zip built by Maven (`./mvnw package`, native: `-Dquarkus.native.enabled=true`). Null = ../target/function.zip next to this module."
  type        = string
  default     = null

  validation {
    condition     = var.package_path == null || can(regex("\\.zip$", var.package_path))
    error_message = "package_path must point at a .zip file (the Maven output target/function.zip)."
  }
}

variable "lambda_runtime" {
  description = "provided.al2023 for the GraalVM native build (recommended); java17/java21 run the JVM build of the same function.zip."
  type        = string
  default     = "provided.al2023"

  validation {
    condition     = contains(["provided.al2023", "java17", "java21"], var.lambda_runtime)
    error_message = "lambda_runtime must be provided.al2023, java17 or java21."
  }
}

variable "architecture" {
  description = "Lambda instruction set; a native build must have been compiled for it."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "memory_mb" {
  description = "Memory of each function (MB)."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 10240
    error_message = "memory_mb must be between 128 and 10240."
  }
}

variable "function_timeouts" {
  description = "Timeout in seconds per function; functions not listed get 60 s. enhance runs a whole analysis + LLM cycle."
  type        = map(number)
  default = {
    enhance          = 900
    evaluateQuestion = 300
    startEvaluation  = 120
    pollEvaluation   = 120
    rollback         = 120
    restore          = 120
    snapshot         = 120
    finish           = 120
  }

  validation {
    condition     = alltrue([for t in values(var.function_timeouts) : t >= 3 && t <= 900])
    error_message = "Every function timeout must be between 3 and 900 seconds."
  }
}

variable "extra_environment" {
  description = "Additional environment variables for every function (e.g. QUARKUS_LOG_LEVEL). No secret values: secrets come from Secrets Manager."
  type        = map(string)
  default     = {}

  validation {
    condition     = !contains(keys(var.extra_environment), "QUARKUS_FUNQY_EXPORT")
    error_message = "QUARKUS_FUNQY_EXPORT is set per function by this module."
  }
}

variable "log_retention_days" {
  description = "Retention of the Lambda and state machine log groups."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

# ---------------------------------------------------------------- run store (S3) and secrets
variable "bucket_name" {
  description = "Name of the run-store bucket; null = generated from name_prefix."
  type        = string
  default     = null

  validation {
    condition     = var.bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name."
  }
}

variable "run_retention_days" {
  description = "Days after which run records (snapshots, fix logs, evaluations, reports under spaces/) expire."
  type        = number
  default     = 365

  validation {
    condition     = var.run_retention_days >= 30
    error_message = "run_retention_days must be at least 30: a rollback may need an older snapshot."
  }
}

variable "noncurrent_version_retention_days" {
  description = "Days an overwritten object version is kept (snapshots are versioned)."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_retention_days >= 1
    error_message = "noncurrent_version_retention_days must be at least 1."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the bucket, secrets and logs; null = AWS-managed encryption (SSE-S3, aws/secretsmanager)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "force_destroy_bucket" {
  description = "Let `terraform destroy` delete a bucket that still holds runs. Keep false in production."
  type        = bool
  default     = false
}

variable "secret_recovery_window_days" {
  description = "Recovery window of the secrets when deleted (0 = immediately, else 7-30)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

# ---------------------------------------------------------------- run defaults (a request may override)
variable "default_max_iterations" {
  description = "Enhancement iterations per run when the request does not say."
  type        = number
  default     = 3

  validation {
    condition     = var.default_max_iterations >= 1 && var.default_max_iterations <= 20 && floor(var.default_max_iterations) == var.default_max_iterations
    error_message = "default_max_iterations must be an integer from 1 to 20."
  }
}

variable "default_target_score" {
  description = "Benchmark score (0..1) at which a run stops when the request does not say."
  type        = number
  default     = 0.9

  validation {
    condition     = var.default_target_score > 0 && var.default_target_score <= 1
    error_message = "default_target_score must be in (0, 1]."
  }
}

variable "default_strategy" {
  description = "How many fixes one iteration applies: BATCH_ALL (default), BY_CATEGORY or ONE_BY_ONE."
  type        = string
  default     = "BATCH_ALL"

  validation {
    condition     = contains(["BATCH_ALL", "BY_CATEGORY", "ONE_BY_ONE"], var.default_strategy)
    error_message = "default_strategy must be BATCH_ALL, BY_CATEGORY or ONE_BY_ONE."
  }
}

variable "default_evaluator" {
  description = "How benchmarks are run: AUTO (eval-runs API when available), EVAL_RUNS or SELF_RUN (one question per Map item)."
  type        = string
  default     = "AUTO"

  validation {
    condition     = contains(["AUTO", "EVAL_RUNS", "SELF_RUN"], var.default_evaluator)
    error_message = "default_evaluator must be AUTO, EVAL_RUNS or SELF_RUN."
  }
}

variable "default_tolerance" {
  description = "Score drop the judge tolerates before calling an iteration REGRESSED (0 = any drop)."
  type        = number
  default     = 0

  validation {
    condition     = var.default_tolerance >= 0 && var.default_tolerance < 1
    error_message = "default_tolerance must be in [0, 1)."
  }
}

# ---------------------------------------------------------------- run settings (operator only)
variable "lock_ttl_seconds" {
  description = "Expiry of the per-space lock: after it a crashed run no longer blocks the space. Longer than the longest run."
  type        = number
  default     = 21600

  validation {
    condition     = var.lock_ttl_seconds >= 900 && floor(var.lock_ttl_seconds) == var.lock_ttl_seconds
    error_message = "lock_ttl_seconds must be an integer of at least 900."
  }
}

variable "execution_timeout_seconds" {
  description = "Longest a run may take (the state machine's TimeoutSeconds). The lock is renewed every iteration and expires lock_ttl_seconds after the last renewal, so a run cut off here frees its space by itself."
  type        = number
  default     = 86400

  validation {
    condition     = var.execution_timeout_seconds >= 3600 && var.execution_timeout_seconds <= 31536000 && floor(var.execution_timeout_seconds) == var.execution_timeout_seconds
    error_message = "execution_timeout_seconds must be an integer from 3600 to 31536000 (one year, the Standard workflow limit)."
  }
}

variable "evaluation_poll_seconds" {
  description = "Wait between two polls of a running evaluation."
  type        = number
  default     = 30

  validation {
    condition     = var.evaluation_poll_seconds >= 5 && floor(var.evaluation_poll_seconds) == var.evaluation_poll_seconds
    error_message = "evaluation_poll_seconds must be an integer of at least 5."
  }
}

variable "max_transient_retries" {
  description = "Transient failures (RateLimited, DatabricksUnavailable, StoreUnavailable) tolerated per iteration before the run fails; each waits the advised time."
  type        = number
  default     = 8

  validation {
    condition     = var.max_transient_retries >= 0 && var.max_transient_retries <= 100 && floor(var.max_transient_retries) == var.max_transient_retries
    error_message = "max_transient_retries must be an integer from 0 to 100."
  }
}

variable "question_concurrency" {
  description = "MaxConcurrency of the self-run evaluator's Map: questions asked at once. Genie's budget is about 5 questions/minute per workspace, so keep this low."
  type        = number
  default     = 1

  validation {
    condition     = var.question_concurrency >= 1 && var.question_concurrency <= 40 && floor(var.question_concurrency) == var.question_concurrency
    error_message = "question_concurrency must be an integer from 1 to 40."
  }
}

variable "state_machine_log_level" {
  description = "Step Functions execution logging: ALL, ERROR, FATAL or OFF."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["ALL", "ERROR", "FATAL", "OFF"], var.state_machine_log_level)
    error_message = "state_machine_log_level must be ALL, ERROR, FATAL or OFF."
  }
}

variable "log_execution_data" {
  description = "Include state input/output in the state machine logs (keys, scores and counts; never credentials)."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------- EventBridge trigger
variable "enable_event_trigger" {
  description = "Start a run when a \"Genie Benchmark Run Completed\" event arrives (see docs/orchestration.md)."
  type        = bool
  default     = true
}

variable "event_bus_name" {
  description = "An existing event bus the benchmark events are published to; null (default) creates a dedicated bus <name_prefix>-benchmarks with a resource policy (event_publisher_arns)."
  type        = string
  default     = null
}

variable "event_publisher_arns" {
  description = "IAM principals (role/user ARNs, any account) allowed to put benchmark events on the dedicated bus; every other principal is denied, even with events:PutEvents in its own IAM policy. Empty: only this account's principals whose IAM policies allow it."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.event_publisher_arns : can(regex("^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:", a))])
    error_message = "event_publisher_arns must be IAM principal ARNs (arn:aws:iam::<account>:role/... or :user/...)."
  }
}

variable "start_only_below_target" {
  description = "Match only events whose detail.score is below below_target_threshold (events without a score are then ignored)."
  type        = bool
  default     = false
}

variable "below_target_threshold" {
  description = "Score threshold for start_only_below_target; null = default_target_score."
  type        = number
  default     = null

  validation {
    condition     = var.below_target_threshold == null ? true : (var.below_target_threshold > 0 && var.below_target_threshold <= 1)
    error_message = "below_target_threshold must be in (0, 1]."
  }
}

variable "event_max_age_seconds" {
  description = "How long EventBridge keeps retrying to start the state machine for one event."
  type        = number
  default     = 3600

  validation {
    condition     = var.event_max_age_seconds >= 60 && var.event_max_age_seconds <= 86400
    error_message = "event_max_age_seconds must be between 60 and 86400."
  }
}

variable "event_retry_attempts" {
  description = "EventBridge delivery attempts before the event goes to the dead-letter queue."
  type        = number
  default     = 10

  validation {
    condition     = var.event_retry_attempts >= 0 && var.event_retry_attempts <= 185
    error_message = "event_retry_attempts must be between 0 and 185."
  }
}

# ---------------------------------------------------------------- alarms
variable "alarm_actions" {
  description = "ARNs (e.g. an SNS topic) notified when runs fail or time out, or events land in the dead-letter queue."
  type        = list(string)
  default     = []
}

variable "llm_base_url" {
  description = "OpenAI-compatible chat endpoint of the LLM analyser, e.g. https://<workspace>/serving-endpoints. Empty = the Databricks workspace's serving endpoints when llm_model is set, else the rule-based analyser runs alone."
  type        = string
  default     = ""

  validation {
    condition     = var.llm_base_url == "" || can(regex("^https://", var.llm_base_url))
    error_message = "llm_base_url must be an https URL (or empty)."
  }
}

variable "llm_model" {
  description = "Model (Databricks serving endpoint name) of the LLM analyser; empty disables the LLM analyser."
  type        = string
  default     = ""
}
