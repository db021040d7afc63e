/** The local stack's template deployer (part of the project's own emulator, not the LocalStack product). */
package dev.asynccommerce.localstack.deployer;
