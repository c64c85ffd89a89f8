# The run store: snapshots, fix logs, evaluations, reports and the per-space lock (docs/orchestration.md).
resource "aws_s3_bucket" "run_store" {
  bucket        = local.bucket_name
  force_destroy = var.force_destroy_bucket
}

resource "aws_s3_bucket_ownership_controls" "run_store" {
  bucket = aws_s3_bucket.run_store.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "run_store" {
  bucket                  = aws_s3_bucket.run_store.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Rollback restores "the snapshot of iteration n"; versioning keeps an overwritten snapshot readable.
resource "aws_s3_bucket_versioning" "run_store" {
  bucket = aws_s3_bucket.run_store.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "run_store" {
  bucket = aws_s3_bucket.run_store.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "run_store" {
  bucket = aws_s3_bucket.run_store.id

  rule {
    id     = "expire-old-runs"
    status = "Enabled"
    filter {
      prefix = local.run_store_prefix
    }
    expiration {
      days = var.run_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_retention_days
    }
  }

  rule {
    id     = "clean-up-uploads-and-markers"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
    expiration {
      expired_object_delete_marker = true
    }
  }

  depends_on = [aws_s3_bucket_versioning.run_store]
}

resource "aws_s3_bucket_policy" "run_store" {
  bucket = aws_s3_bucket.run_store.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.run_store.arn, "${aws_s3_bucket.run_store.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  depends_on = [aws_s3_bucket_public_access_block.run_store]
}

# Secrets: created empty. Their values are set outside Terraform (terraform/README.md), so they never
# enter the state file.
resource "aws_secretsmanager_secret" "databricks" {
  name                    = "${var.name_prefix}/databricks"
  description             = "Databricks workspace credentials for the Genie Space Enhancer: {\"host\", \"token\"} or {\"host\", \"client_id\", \"client_secret\"}."
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days
}

resource "aws_secretsmanager_secret" "llm" {
  name                    = "${var.name_prefix}/llm"
  description             = "API key of the LLM endpoint for the Genie Space Enhancer: {\"api_key\"} or the bare key (endpoint and model are Lambda settings)."
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days
}
