package dev.kon.testkit.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A small EC2 Query API server on loopback for tests, checking each request as AWS documents it and answering with
 * the documented response shapes: RunInstances, DescribeInstances (filters by tag, state and id) and
 * TerminateInstances of API version 2016-11-15, plus SSM's GetParameter (JSON 1.1) for the default image. Every
 * request must carry a SigV4 {@code Authorization} header of the right shape (credential scope for service
 * {@code ec2} or {@code ssm}), else it gets EC2's {@code AuthFailure}. Idempotency: a RunInstances with a client
 * token seen before answers the instances of the first request. {@code DryRun=true} answers
 * {@code DryRunOperation} (HTTP 412). Errors can be queued per action ({@link #failNext}).
 *
 * <p>Instances move on by themselves at each DescribeInstances: pending becomes running, shutting-down becomes
 * terminated. Not a model of EC2 beyond that. Thread-safe: every handler runs under the server's lock.
 */
public final class Ec2ApiServer implements AutoCloseable {
    /** The response namespace of API version 2016-11-15. */
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final Pattern AUTH = Pattern.compile("AWS4-HMAC-SHA256 Credential=[^/\\s]+/\\d{8}/[a-z0-9-]+/"
            + "(ec2|ssm)/aws4_request, ?SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, ?Signature=[0-9a-f]{64}");
    private final HttpServer server;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, List<String>> byToken = new LinkedHashMap<>();
    private final Map<String, Deque<String[]>> failures = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private String imageParameterValue = "ami-0123456789abcdef0";
    private int next;

    /** One request as received: its action and its decoded parameters. */
    public record Request(String action, Map<String, String> params, String authorization) {
    }

    /** One instance of the server's account. */
    public static final class Instance {
        public final String id;
        public final String type;
        public final String image;
        public final Map<String, String> tags;
        public final String userData;
        public final String profile;
        public final boolean spot;
        public final Instant launched;
        public volatile String state = "pending";

        Instance(String id, String type, String image, Map<String, String> tags, String userData, String profile,
                boolean spot, Instant launched) {
            this.id = id;
            this.type = type;
            this.image = image;
            this.tags = tags;
            this.userData = userData;
            this.profile = profile;
            this.spot = spot;
            this.launched = launched;
        }
    }

    private Ec2ApiServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1, any free port. */
    public static Ec2ApiServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Ec2ApiServer s = new Ec2ApiServer(http);
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next {@code count} requests of {@code action} with the error {@code code} and HTTP status. */
    public synchronized void failNext(String action, String code, int status, int count) {
        for (int i = 0; i < count; i++) {
            failures.computeIfAbsent(action, a -> new ArrayDeque<>())
                    .add(new String[] {code, Integer.toString(status)});
        }
    }

    public synchronized void imageParameter(String value) {
        imageParameterValue = value;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (auth == null || !AUTH.matcher(auth).find() || ex.getRequestHeaders().getFirst("X-Amz-Date") == null) {
                error(ex, 401, "AuthFailure", "AWS was not able to validate the provided access credentials");
                return;
            }
            if (target != null) {
                ssm(ex, target, body, auth);
                return;
            }
            Map<String, String> p = form(body);
            String action = p.getOrDefault("Action", "");
            requests.add(new Request(action, p, auth));
            if (!"2016-11-15".equals(p.get("Version"))) {
                error(ex, 400, "InvalidParameterValue", "Version must be 2016-11-15");
                return;
            }
            Deque<String[]> queued = failures.get(action);
            if (queued != null && !queued.isEmpty()) {
                String[] f = queued.poll();
                error(ex, Integer.parseInt(f[1]), f[0], "scripted " + f[0] + " for " + action);
                return;
            }
            if ("true".equals(p.get("DryRun"))) {
                error(ex, 412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
                return;
            }
            switch (action) {
                case "RunInstances" -> run(ex, p);
                case "DescribeInstances" -> describe(ex, p);
                case "TerminateInstances" -> terminate(ex, p);
                default -> error(ex, 400, "InvalidAction", "The action " + action
                        + " is not valid for this web service.");
            }
        }
    }

    private void run(HttpExchange ex, Map<String, String> p) throws IOException {
        for (String required : List.of("ImageId", "MinCount", "MaxCount")) {
            if (!p.containsKey(required)) {
                error(ex, 400, "MissingParameter", "The request must contain the parameter " + required);
                return;
            }
        }
        String token = p.get("ClientToken");
        if (token != null && byToken.containsKey(token)) {
            sendInstances(ex, "RunInstancesResponse", byToken.get(token));
            return;
        }
        String userData = p.get("UserData");
        String script = "";
        if (userData != null) {
            try {
                script = new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                error(ex, 400, "InvalidParameterValue", "Invalid BASE64 encoding of user data.");
                return;
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int s = 1; p.containsKey("TagSpecification." + s + ".ResourceType"); s++) {
            if (!"instance".equals(p.get("TagSpecification." + s + ".ResourceType"))) {
                continue;
            }
            for (int t = 1; p.containsKey("TagSpecification." + s + ".Tag." + t + ".Key"); t++) {
                tags.put(p.get("TagSpecification." + s + ".Tag." + t + ".Key"),
                        p.getOrDefault("TagSpecification." + s + ".Tag." + t + ".Value", ""));
            }
        }
        int count = Integer.parseInt(p.get("MaxCount"));
        List<String> ids = new ArrayList<>();
        boolean spot = "spot".equals(p.get("InstanceMarketOptions.MarketType"));
        for (int i = 0; i < count; i++) {
            String id = String.format("i-%017x", ++next);
            instances.put(id, new Instance(id, p.getOrDefault("InstanceType", "m1.small"), p.get("ImageId"), tags,
                    script, p.get("IamInstanceProfile.Name"), spot, Instant.now().plusMillis(next)));
            ids.add(id);
        }
        if (token != null) {
            byToken.put(token, ids);
        }
        sendInstances(ex, "RunInstancesResponse", ids);
    }

    private void describe(HttpExchange ex, Map<String, String> p) throws IOException {
        List<String> matching = new ArrayList<>();
        for (Instance i : instances.values()) {
            if (matches(i, p)) {
                matching.add(i.id);
            }
        }
        StringBuilder x = new StringBuilder("<reservationSet>");
        for (String id : matching) {
            x.append("<item><reservationId>r-").append(id.substring(2)).append("</reservationId><ownerId>123456789012"
                    + "</ownerId><groupSet/><instancesSet>").append(instanceXml(instances.get(id)))
                    .append("</instancesSet></item>");
        }
        x.append("</reservationSet>");
        send(ex, 200, "DescribeInstancesResponse", x.toString());
        for (Instance i : instances.values()) {
            i.state = switch (i.state) {
                case "pending" -> "running";
                case "shutting-down" -> "terminated";
                default -> i.state;
            };
        }
    }

    private static boolean matches(Instance i, Map<String, String> p) {
        for (int f = 1; p.containsKey("Filter." + f + ".Name"); f++) {
            String name = p.get("Filter." + f + ".Name");
            List<String> values = new ArrayList<>();
            for (int v = 1; p.containsKey("Filter." + f + ".Value." + v); v++) {
                values.add(p.get("Filter." + f + ".Value." + v));
            }
            String actual = name.startsWith("tag:") ? i.tags.get(name.substring(4))
                    : name.equals("instance-state-name") ? i.state : null;
            if (actual == null || !values.contains(actual)) {
                return false;
            }
        }
        List<String> ids = new ArrayList<>();
        for (int n = 1; p.containsKey("InstanceId." + n); n++) {
            ids.add(p.get("InstanceId." + n));
        }
        return ids.isEmpty() || ids.contains(i.id);
    }

    private void terminate(HttpExchange ex, Map<String, String> p) throws IOException {
        StringBuilder x = new StringBuilder("<instancesSet>");
        for (int n = 1; p.containsKey("InstanceId." + n); n++) {
            Instance i = instances.get(p.get("InstanceId." + n));
            if (i == null) {
                error(ex, 400, "InvalidInstanceID.NotFound", "The instance ID '" + p.get("InstanceId." + n)
                        + "' does not exist");
                return;
            }
            String before = i.state;
            i.state = i.state.equals("terminated") ? "terminated" : "shutting-down";
            x.append("<item><instanceId>").append(i.id).append("</instanceId><currentState>").append(state(i.state))
                    .append("</currentState><previousState>").append(state(before)).append("</previousState></item>");
        }
        x.append("</instancesSet>");
        send(ex, 200, "TerminateInstancesResponse", x.toString());
    }

    private void ssm(HttpExchange ex, String target, String body, String auth) throws IOException {
        requests.add(new Request(target, Map.of("body", body), auth));
        if (!target.equals("AmazonSSM.GetParameter")) {
            json(ex, 400, "{\"__type\":\"UnknownOperationException\"}");
            return;
        }
        Deque<String[]> queued = failures.get(target);
        if (queued != null && !queued.isEmpty()) {
            String[] f = queued.poll();
            json(ex, Integer.parseInt(f[1]), "{\"__type\":\"" + f[0] + "\",\"message\":\"scripted\"}");
            return;
        }
        String name = body.replaceAll("(?s).*\"Name\"\\s*:\\s*\"([^\"]*)\".*", "$1");
        json(ex, 200, "{\"Parameter\":{\"Name\":\"" + name + "\",\"Type\":\"String\",\"Value\":\""
                + imageParameterValue + "\",\"Version\":42,\"DataType\":\"aws:ec2:image\"}}");
    }

    private void sendInstances(HttpExchange ex, String root, List<String> ids) throws IOException {
        StringBuilder x = new StringBuilder("<reservationId>r-0000000000000001</reservationId>"
                + "<ownerId>123456789012</ownerId><groupSet/><instancesSet>");
        for (String id : ids) {
            x.append(instanceXml(instances.get(id)));
        }
        x.append("</instancesSet>");
        send(ex, 200, root, x.toString());
    }

    private static String instanceXml(Instance i) {
        StringBuilder x = new StringBuilder("<item><instanceId>").append(i.id).append("</instanceId><imageId>")
                .append(i.image).append("</imageId><instanceState>").append(state(i.state))
                .append("</instanceState><privateIpAddress>10.0.0.")
                .append(Integer.parseInt(i.id.substring(2), 16) % 250)
                .append("</privateIpAddress><instanceType>").append(i.type).append("</instanceType><launchTime>")
                .append(i.launched).append("</launchTime>");
        if (i.spot) {
            x.append("<instanceLifecycle>spot</instanceLifecycle>");
        }
        x.append("<tagSet>");
        i.tags.forEach((k, v) -> x.append("<item><key>").append(k).append("</key><value>").append(v)
                .append("</value></item>"));
        return x.append("</tagSet></item>").toString();
    }

    private static String state(String name) {
        int code = switch (name) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
        return "<code>" + code + "</code><name>" + name + "</name>";
    }

    private static void send(HttpExchange ex, int status, String root, String inner) throws IOException {
        byte[] b = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=\"" + NS + "\"><requestId>"
                + "59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>" + inner + "</" + root + ">")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        byte[] b = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-"
                + "example</RequestID></Response>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }
}
