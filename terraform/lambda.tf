# One function.zip, one Lambda per exported Funqy function (QUARKUS_FUNQY_EXPORT picks it).
resource "aws_cloudwatch_log_group" "function" {
  for_each          = local.functions
  name              = "/aws/lambda/${var.name_prefix}-${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_lambda_function" "fn" {
  for_each = local.functions

  function_name    = "${var.name_prefix}-${each.value}"
  description      = "Genie Space Enhancer: ${each.key}"
  role             = aws_iam_role.lambda[each.key].arn
  filename         = local.package_path
  source_code_hash = try(filebase64sha256(local.package_path), null)
  runtime          = var.lambda_runtime
  handler          = local.lambda_handler
  architectures    = [var.architecture]
  memory_size      = var.memory_mb
  timeout          = lookup(var.function_timeouts, each.key, 60)

  environment {
    # names are the functions' own configuration keys (README "Configuration")
    variables = merge(var.extra_environment, {
      QUARKUS_FUNQY_EXPORT          = each.key
      DISABLE_SIGNAL_HANDLERS       = "true"
      ENHANCER_STORE_BUCKET         = aws_s3_bucket.run_store.bucket
      ENHANCER_DATABRICKS_SECRET_ID = aws_secretsmanager_secret.databricks.arn
      ENHANCER_LLM_SECRET_ID        = aws_secretsmanager_secret.llm.arn
      ENHANCER_LLM_BASE_URL         = var.llm_base_url
      ENHANCER_LLM_MODEL            = var.llm_model
      }, var.kms_key_arn == null ? {} : {
      ENHANCER_STORE_KMS_KEY_ID = var.kms_key_arn
    })
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  lifecycle {
    precondition {
      condition     = fileexists(local.package_path)
      error_message = "No Lambda package at ${local.package_path}: build it with ./mvnw package (native: -Dquarkus.native.enabled=true) or set package_path."
    }
  }
}
