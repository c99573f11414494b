package io.camelinngest.contract;

import java.util.Map;

/** IDs and values found in the recordings ({@code fixtures/inngest-dev}) that the expectations refer to. */
final class RecordedIds {

    static final String UNKNOWN = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";
    static final String COMPLETED_RUN = "01M8T01D08W9PB4VKVN3ZRQNA0";
    static final String SLEEPING_RUN = "01M8T01PHZE5CAQXQK9GRKSM5G";
    static final String FAILED_RUN = "01M8T01HDDC9H12J9GH121VZYK";
    static final String SIGNALLED_RUN = "01M8T01YWF4FPGVRNZHGQ5A4KV";
    static final String ORDER_42_EVENT = "01M8T01CRQBAE70CEHRSZEG1VK";
    static final Map<String, Object> SHIPPED_42 = Map.of("shipped", true, "tracking", "TRK-42");

    private RecordedIds() {
    }
}
