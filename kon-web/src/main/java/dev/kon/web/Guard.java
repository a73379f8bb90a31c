package dev.kon.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Checks every request before it is handled:
 * <ul>
 *   <li>the Host header names this server (on loopback), so a page of another site that rebinds its own name to
 *       127.0.0.1 (DNS rebinding) gets nothing;</li>
 *   <li>the access token, when the server has one, from the {@code Authorization: Bearer} header, the cookie the
 *       first visit with {@code ?token=} sets, or that query parameter;</li>
 *   <li>on every state-changing request (anything but GET and HEAD), the per-server {@value #CSRF_HEADER} header:
 *       a page of another site cannot read it (no CORS) nor set the header on a form post.</li>
 * </ul>
 * It also sets the headers that keep a browser from running anything but the server's own scripts.
 */
final class Guard {
    static final String CSRF_HEADER = "X-Kon-Csrf";
    static final String TOKEN_COOKIE = "kon_token";
    static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' http: https:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD);

    private final String token;
    private final String csrf;
    private final boolean loopback;
    private volatile Set<String> hosts = Set.of();

    Guard(String token, boolean loopback) {
        this.token = token;
        this.loopback = loopback;
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        this.csrf = HexFormat.of().formatHex(b);
    }

    /** The per-server token state-changing requests carry in {@value #CSRF_HEADER}. */
    String csrf() {
        return csrf;
    }

    /** Once the port is known: the Host headers accepted on loopback. */
    void port(int port) {
        hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }

    void check(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", SECURITY_POLICY);
        if (loopback && !hosts.contains(String.valueOf(ctx.header("Host")))) {
            throw new ApiError(403, "unexpected Host header: open this server by its address, "
                    + "http://127.0.0.1:PORT/");
        }
        if (token != null && !hasToken(ctx)) {
            throw new ApiError(401, "an access token is required: open the URL kon web printed (with ?token=...), "
                    + "or send 'Authorization: Bearer TOKEN'");
        }
        if (!SAFE.contains(ctx.method()) && !same(ctx.header(CSRF_HEADER), csrf)) {
            throw new ApiError(403, "missing or wrong " + CSRF_HEADER + " header (get it from GET /api/session)");
        }
    }

    private boolean hasToken(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && same(auth.substring(7), token)) {
            return true;
        }
        if (same(ctx.cookie(TOKEN_COOKIE), token)) {
            return true;
        }
        if (same(ctx.queryParam("token"), token)) {
            // A browser keeps it as a cookie only this site's requests send, so the pages' own requests carry it.
            Cookie c = new Cookie(TOKEN_COOKIE, token);
            c.setHttpOnly(true);
            c.setSameSite(SameSite.STRICT);
            c.setPath("/");
            ctx.cookie(c);
            return true;
        }
        return false;
    }

    /** Compares in time independent of where the strings differ. */
    private static boolean same(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
