/** The local stack's event-source mappings (part of the project's own emulator, not the LocalStack product). */
package dev.asynccommerce.localstack.eventsources;
