/**
 * The service-integration SPI of the Step Functions engine: how a Task state's {@code
 * arn:aws:states:::<service>:<action>} reaches a service. The local stack plugs its emulated
 * services in here; {@link dev.asynccommerce.localstack.stepfunctions.integration.AwsSdkIntegrations}
 * reaches DynamoDB, SQS and EventBridge through the real SDK clients at a configurable endpoint, and
 * {@link dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions} is what the stack's
 * Lambda emulation implements.
 */
package dev.asynccommerce.localstack.stepfunctions.integration;
