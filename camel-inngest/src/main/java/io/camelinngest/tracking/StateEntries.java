package io.camelinngest.tracking;

import java.util.Map;

/**
 * Where tracking state is written as text entries: the changes of one save, committed together by whoever opened it.
 * The consumers' state store implements it over a Camel {@code StateRepository}; tracking itself knows no Camel type.
 */
public interface StateEntries {

    /** Sets an entry; a {@code null} value removes it. */
    StateEntries put(String entry, String value);

    /** Removes an entry. */
    StateEntries remove(String entry);

    /** Makes the entries under {@code prefix} equal to {@code wanted} (whose keys carry the prefix). */
    StateEntries sync(String prefix, Map<String, String> wanted);
}
