package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a DynamoDB Streams mapping goes on in each shard it knew, as Lambda keeps it across a
 * restart of its pollers: after the last record it completely handled (delivered, filtered out, or
 * sent to the on-failure destination), at the first record it had read but not yet handled, or from
 * the shard's start or end when it had read nothing. A shard that is done is remembered as done, so
 * that it is not read again. Shards the checkpoint does not name are new to the mapping.
 */
record StreamCheckpoint(Map<String, Position> shards) {

    /** How a shard is taken up again. */
    enum Kind {
        /** After {@link Position#sequenceNumber()}: every record up to it was handled. */
        AFTER_SEQUENCE_NUMBER,
        /** At {@link Position#sequenceNumber()}: read, not yet handled, nothing before it pending. */
        AT_SEQUENCE_NUMBER,
        /** Nothing read yet and the mapping started from the oldest record. */
        TRIM_HORIZON,
        /** Nothing read yet and the mapping started from records written after it was created. */
        LATEST,
        /** Every record of this closed shard was handled. */
        SHARD_END
    }

    /** One shard's position; {@code sequenceNumber} is null unless the kind names one. */
    record Position(Kind kind, String sequenceNumber) {
        static Position after(String sequenceNumber) {
            return new Position(Kind.AFTER_SEQUENCE_NUMBER, sequenceNumber);
        }

        static Position at(String sequenceNumber) {
            return new Position(Kind.AT_SEQUENCE_NUMBER, sequenceNumber);
        }

        static Position of(Kind kind) {
            return new Position(kind, null);
        }
    }

    StreamCheckpoint {
        shards = Map.copyOf(shards);
    }

    /** {@code [{"shardId": ..., "position": ..., "sequenceNumber": ...}]}, the form kept in the stack's state. */
    ArrayNode toJson() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        new java.util.TreeMap<>(shards).forEach((shardId, position) -> {
            var shard = out.addObject()
                    .put("shardId", shardId)
                    .put("position", position.kind().name());
            if (position.sequenceNumber() != null) {
                shard.put("sequenceNumber", position.sequenceNumber());
            }
        });
        return out;
    }

    /**
     * Reads what {@link #toJson()} wrote; an entry it cannot read is left out (that shard then counts as
     * new to the mapping) rather than failing the whole checkpoint.
     */
    static StreamCheckpoint fromJson(JsonNode shards) {
        Map<String, Position> out = new LinkedHashMap<>();
        for (JsonNode shard : shards) {
            String shardId = shard.path("shardId").asText(null);
            Kind kind;
            try {
                kind = Kind.valueOf(shard.path("position").asText(""));
            } catch (IllegalArgumentException e) {
                continue;
            }
            String sequence = shard.path("sequenceNumber").asText(null);
            boolean needsSequence = kind == Kind.AFTER_SEQUENCE_NUMBER || kind == Kind.AT_SEQUENCE_NUMBER;
            if (shardId == null || (needsSequence && sequence == null)) {
                continue;
            }
            out.put(shardId, new Position(kind, needsSequence ? sequence : null));
        }
        return new StreamCheckpoint(out);
    }
}
