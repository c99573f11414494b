package io.camelinngest.function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepIdsTest {

    @Test
    void aStepIdIsTheHexSha1OfItsNameAsTheSpecShows() {
        // SDK spec 5.1.2: "my-step-id" is hashed as e7d8a2f140845095749d60246ff1110c9d01d76a
        assertThat(new StepIds().next("my-step-id")).isEqualTo("e7d8a2f140845095749d60246ff1110c9d01d76a");
    }

    @Test
    void aRepeatedNameGetsColonNBeforeHashingAndTheFirstHasNoSuffix() {
        StepIds ids = new StepIds();

        assertThat(ids.next("my-step-id")).isEqualTo(StepIds.hash("my-step-id"));
        assertThat(ids.next("other")).isEqualTo(StepIds.hash("other"));
        assertThat(ids.next("my-step-id")).isEqualTo(StepIds.hash("my-step-id:1"));
        assertThat(ids.next("my-step-id")).isEqualTo(StepIds.hash("my-step-id:2"));
    }
}
