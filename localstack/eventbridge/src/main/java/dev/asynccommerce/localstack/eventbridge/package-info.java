/** The local stack's EventBridge (part of the project's own emulator, not the LocalStack product). */
package dev.asynccommerce.localstack.eventbridge;
