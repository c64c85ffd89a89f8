# This folder is a root module a team applies as is. To nest it in a larger configuration instead,
# delete this file and pass an aws provider from the caller.
provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge({ "app" = var.name_prefix, "managed-by" = "terraform" }, var.tags)
  }
}
