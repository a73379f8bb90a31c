package dev.kon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access token and the bind rules, on an in-memory backend. */
class WebGuardTest {
    private static final String TOKEN = "0123456789abcdef0123";
    private final HttpClient http = HttpClient.newHttpClient();
    private KonWeb web;

    private KonWeb start(String token) {
        Backend backend = new Backend(new InMemoryQueueService(), new InMemoryExecutionLedger(Clock.systemUTC()),
                new InMemoryBlobStore());
        web = KonWeb.start(WebConfig.defaults().withPort(0).withHostAndToken("127.0.0.1", token),
                new WebCloud(backend, "kon-tasks", "kon-tasks-dead", prefix -> List.of(), Clock.systemUTC()));
        return web;
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void request_withoutTheToken_isRefusedEvenForPages() throws Exception {
        start(TOKEN);

        assertThat(get("/api/runs").statusCode()).isEqualTo(401);
        assertThat(get("/").statusCode()).isEqualTo(401);
        assertThat(get("/api/runs", "Authorization", "Bearer wrong-token-0000000").statusCode()).isEqualTo(401);
    }

    @Test
    void request_withTheTokenAsBearerOrQuery_isServedAndTheQuerySetsAStrictCookie() throws Exception {
        start(TOKEN);

        assertThat(get("/api/runs", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> page = get("/?token=" + TOKEN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).contains("kon_token=" + TOKEN).containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Strict"));
        assertThat(get("/api/runs", "Cookie", "kon_token=" + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void pages_carryAPolicyThatAllowsOnlyTheServersOwnScripts() throws Exception {
        start(null);

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void config_bindingAnotherAddressWithoutAToken_isRefused() {
        assertThatThrownBy(() -> WebConfig.defaults().withHostAndToken("0.0.0.0", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an access token");
        assertThat(WebConfig.defaults().withHostAndToken("0.0.0.0", TOKEN).host()).isEqualTo("0.0.0.0");
        assertThat(WebConfig.isLoopback("127.0.0.2")).isTrue();
        assertThat(WebConfig.isLoopback("evil.localhost.example")).isFalse();
    }
}
