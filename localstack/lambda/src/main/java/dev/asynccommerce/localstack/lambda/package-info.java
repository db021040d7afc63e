/** The local stack's lambda (part of the project's own emulator, not the LocalStack product). */
package dev.asynccommerce.localstack.lambda;
