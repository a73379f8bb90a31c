package dev.kon.fleet.ec2;

import dev.kon.KonException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The image a fleet starts from when none is given: the current Amazon Linux 2023 image for x86-64, read from the
 * public SSM parameter AWS keeps up to date ({@value #PARAMETER}). AL2023 has {@code dnf}, {@code curl} and
 * {@code systemd}, and Amazon Corretto 17 in its own repository, which is all the user data needs.
 */
public final class DefaultImage {
    public static final String PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    private DefaultImage() {
    }

    /** The AMI id the parameter names now. */
    public static String resolve(SsmClient ssm) {
        try {
            String id = ssm.getParameter(b -> b.name(PARAMETER)).parameter().value();
            if (id == null || !id.startsWith("ami-")) {
                throw new KonException("the public parameter " + PARAMETER + " holds no image id; give --image");
            }
            return id;
        } catch (SdkException e) {
            throw new KonException("cannot read the default image from SSM (" + PARAMETER + "): " + e.getMessage()
                    + "; give --image ami-...", e);
        }
    }
}
