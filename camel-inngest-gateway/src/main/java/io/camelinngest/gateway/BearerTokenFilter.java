package io.camelinngest.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The MCP port's guard: a request without the gateway's bearer token is answered 401 before the MCP transport sees it,
 * so no session is opened and no tool runs.
 */
final class BearerTokenFilter implements Filter {

    private final BearerToken token;

    BearerTokenFilter(BearerToken token) {
        this.token = token;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (token.matches(http.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(401);
        answer.setHeader("WWW-Authenticate", "Bearer realm=\"camel-inngest-gateway\"");
        answer.setContentType("application/json");
        answer.getOutputStream().write(RestRoutes.errorJson(401, "unauthorized",
                "Send the gateway's token: Authorization: Bearer <INNGEST_GATEWAY_TOKEN>").getBytes(StandardCharsets.UTF_8));
    }
}
