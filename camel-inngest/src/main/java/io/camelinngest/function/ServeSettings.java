package io.camelinngest.function;

/**
 * Where the app is served and which server it syncs with: the serve URL the server calls, the app ID, the API origin,
 * dev mode, and the keys (never printed).
 */
public record ServeSettings(String appId, String serveUrl, String apiOrigin, boolean dev, String signingKey,
        String signingKeyFallback, String env) {

    @Override
    public String toString() {
        return "ServeSettings[appId=" + appId + ", serveUrl=" + serveUrl + ", apiOrigin=" + apiOrigin + ", dev=" + dev
               + ", signingKey=" + (signingKey == null ? "unset" : "***") + ", signingKeyFallback="
               + (signingKeyFallback == null ? "unset" : "***") + ", env=" + env + "]";
    }
}
