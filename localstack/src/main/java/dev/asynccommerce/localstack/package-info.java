/** The project's own embedded AWS emulator (not the LocalStack product). */
package dev.asynccommerce.localstack;
