package dev.kon.aws.usage;

import java.util.Set;

/**
 * S3 Standard bills requests in two classes: PUT, COPY, POST and LIST requests (uploads and their parts, copies,
 * listings, creating a bucket or setting its configuration), and GET and every other request (GET, HEAD). DELETE
 * and cancel (AbortMultipartUpload) are free. DeleteObjects, a POST that deletes up to 1,000 keys, is counted in
 * the PUT class: it is a POST, and the higher rate errs on the side of the bill. Presigned URLs are not counted:
 * whoever fetches one makes that request outside these clients. Stateless.
 */
final class S3Rules {
    private static final Set<String> PUT_CLASS = Set.of("CopyObject", "UploadPart", "UploadPartCopy",
            "CompleteMultipartUpload", "CreateMultipartUpload", "DeleteObjects", "RestoreObject");

    private S3Rules() {
    }

    /** The charge of one S3 call, by its operation name (as the SDK names it: {@code PutObject}). */
    static Charge charge(String operation) {
        UsageKind kind = kind(operation);
        return Charge.of(kind, kind == UsageKind.FREE ? 0 : 1);
    }

    static UsageKind kind(String operation) {
        if (operation.startsWith("Delete") && !operation.equals("DeleteObjects")
                || operation.equals("AbortMultipartUpload")) {
            return UsageKind.FREE;
        }
        if (operation.startsWith("Put") || operation.startsWith("List") || operation.startsWith("Create")
                || PUT_CLASS.contains(operation)) {
            return UsageKind.S3_PUT_CLASS;
        }
        return UsageKind.S3_GET_CLASS;
    }
}
