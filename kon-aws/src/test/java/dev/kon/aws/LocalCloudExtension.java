package dev.kon.aws;

import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link LocalCloud} (ports 0) per test JVM, the first time a test class asks for it, and closes it when
 * the JVM's tests end. Test classes declare {@code @ExtendWith(LocalCloudExtension.class)} and take
 * {@link AwsClients} or {@link LocalCloud} as parameters of {@code @BeforeAll} (or test) methods.
 */
public final class LocalCloudExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalCloudExtension.class);

    /** The cloud and clients on it; the root store closes it (JUnit closes AutoCloseable values it holds). */
    record Running(LocalCloud cloud, AwsClients clients) implements AutoCloseable {
        @Override
        public void close() {
            try {
                clients.close();
            } finally {
                cloud.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AwsClients.class || type == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        return parameter.getParameter().getType() == LocalCloud.class ? running.cloud() : running.clients();
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, type -> {
            LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral());
            System.out.println("local cloud started in " + cloud.startTime().toMillis() + " ms: " + cloud);
            LocalCloud.Endpoints e = cloud.endpoints();
            AwsSettings settings = AwsSettings.of(cloud.region()).withEndpoints(e.sqs(), e.dynamodb(), e.s3())
                    .withStaticCredentials(cloud.accessKey(), cloud.secretKey());
            return new Running(cloud, AwsClients.create(settings));
        }, Running.class);
    }
}
