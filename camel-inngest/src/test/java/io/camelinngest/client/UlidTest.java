package io.camelinngest.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which IDs pass as ULIDs: what the server accepts as an event or run ID, and nothing else. */
class UlidTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "01JWNNSVKR5DW3DMHK620M933E", "01jwnnsvkr5dw3dmhk620m933e", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ",
            "00000000000000000000000000", "0ABCDEFGHJKMNPQRSTVWXYZ123" })
    void valid(String id) {
        assertThat(Ulid.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "01JWNNSVKR5DW3DMHK620M933", "01JWNNSVKR5DW3DMHK620M933EE", "81JWNNSVKR5DW3DMHK620M933E",
            "01JWNNSVKR5DW3DMHK620M933I", "01JWNNSVKR5DW3DMHK620M933l", "01JWNNSVKR5DW3DMHK620M933O",
            "01JWNNSVKR5DW3DMHK620M933u", "01JWNNSVKR5DW3DMHK620M933-", "01JWNNSVKR5DW3DMHK620M933\n",
            "01JWNNSVKR5DW3DMHK620M93 E", "order-1234-created" })
    void invalid(String id) {
        assertThat(Ulid.isValid(id)).isFalse();
    }
}
