/** Latency benchmarks of the local stack (the project's own emulator, not the LocalStack product). */
package dev.asynccommerce.localstack.benchmarks;
