/** The local stack's apigateway (part of the project's own emulator, not the LocalStack product). */
package dev.asynccommerce.localstack.apigateway;
