package dev.asynccommerce.inventory.application;

import dev.asynccommerce.inventory.domain.ReservationId;

/**
 * What every command about one reservation carries (reserve, release, commit): the reservation, and
 * the context of the workflow step that sent it.
 */
public interface ReservationRequest {
    ReservationId reservationId();

    CommandContext context();
}
