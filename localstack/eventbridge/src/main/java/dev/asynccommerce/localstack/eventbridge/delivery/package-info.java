/**
 * The target SPI of the local EventBridge: one {@link
 * dev.asynccommerce.localstack.eventbridge.delivery.TargetInvoker} per AWS service a rule can target,
 * chosen by the service part of the target ARN. SQS comes built in ({@link
 * dev.asynccommerce.localstack.eventbridge.delivery.SqsTargetInvoker}); the stack plugs in Lambda and
 * Step Functions through {@link dev.asynccommerce.localstack.eventbridge.delivery.LambdaTargets} and
 * {@link dev.asynccommerce.localstack.eventbridge.delivery.StepFunctionsTargets}.
 */
package dev.asynccommerce.localstack.eventbridge.delivery;
