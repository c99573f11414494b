package io.camelinngest.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one way a secret (signing key, event key) is kept out of text: every place a key could show (exception messages,
 * server answers echoed back, logs, route dumps, URIs as shown, {@code toString()}) replaces it with {@link #MASK},
 * Camel's own mask. Immutable; {@link #with} gives a masker that also masks one more secret.
 */
public final class SecretMasker {

    /** What a secret is shown as: the mask Camel's URI sanitizing uses. */
    public static final String MASK = "xxxxxx";

    private static final SecretMasker NONE = new SecretMasker(List.of());

    /**
     * The secrets, also URL-encoded (a key in a path or query shows so), longest first: a key inside another goes
     * whole.
     */
    private final List<String> forms;
    private final Set<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = new LinkedHashSet<>(secrets);
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : this.secrets) {
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.forms = List.copyOf(sorted);
    }

    /** A masker of these secrets; {@code null} and blank ones are ignored. */
    public static SecretMasker of(String... secrets) {
        List<String> kept = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                kept.add(secret);
            }
        }
        return kept.isEmpty() ? NONE : new SecretMasker(kept);
    }

    /** A masker that masks these secrets and one more ({@code this} when it is null, blank or known already). */
    public SecretMasker with(String secret) {
        if (secret == null || secret.isBlank() || secrets.contains(secret)) {
            return this;
        }
        List<String> more = new ArrayList<>(secrets);
        more.add(secret);
        return new SecretMasker(more);
    }

    /** The text with every secret replaced by {@link #MASK}; {@code null} stays {@code null}. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, MASK);
        }
        return masked;
    }

    /** What a secret option is shown as in a description of a configuration: the mask, or "unset". */
    public static String shown(Object secret) {
        return secret == null ? "unset" : MASK;
    }
}
