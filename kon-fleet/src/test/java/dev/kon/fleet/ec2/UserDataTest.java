package dev.kon.fleet.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the user data script in a throw-away folder, with stand-ins for dnf, systemctl and java on the PATH and the
 * artifact on a loopback server: the stand-in systemctl starts the unit's ExecStart line as systemd would, and the
 * stand-in java records the command line it was given.
 */
class UserDataTest {
    @TempDir
    Path dir;

    private void standIn(Path bin, String name, String body) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void script_onAnInstanceWithDnf_installsAJreFetchesKonAndStartsTheWorkerOnTheRightQueue() throws Exception {
        // the artifact: kon.jar and lib/ in a tar.gz, served on loopback
        Path home = Files.createDirectories(dir.resolve("build"));
        Files.writeString(home.resolve("kon.jar"), "not really a jar");
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/dep.jar"), "dep");
        Path artifact = WorkerArtifact.pack(home, dir.resolve("kon.tar.gz"));
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/kon.tar.gz", ex -> {
            byte[] b = Files.readAllBytes(artifact);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls.log");
        standIn(bin, "dnf", "echo \"dnf $*\" >> " + calls);
        standIn(bin, "java", "echo \"java $*\" >> " + calls);
        // systemctl: starts the unit's ExecStart (with the unit's environment) the way systemd would
        standIn(bin, "systemctl", "echo \"systemctl $*\" >> " + calls + "\n"
                + "if [ \"$1\" = enable ]; then unit=\"$KON_UNIT_DIR/$3\"\n"
                + "  env $(sed -n 's/^Environment=//p' \"$unit\") $(sed -n 's/^ExecStart=//p' \"$unit\"); fi");
        try {
            FleetSpec spec = FleetSpec.defaults("jobs-1", "jobs-ledger", "jobs-bucket", "eu-central-1").withThreads(4);
            URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/kon.tar.gz?X-Amz-Signature=a'b");
            Path script = dir.resolve("user-data.sh");
            Files.writeString(script, UserData.script(url, spec));
            Path konHome = dir.resolve("opt-kon");
            Path unitDir = dir.resolve("units");

            ProcessBuilder pb = new ProcessBuilder("/bin/bash", script.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("script.out").toFile());
            pb.environment().put("PATH", bin + ":/usr/bin:/bin");
            pb.environment().put("KON_HOME", konHome.toString());
            pb.environment().put("KON_UNIT_DIR", unitDir.toString());
            Process p = pb.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).as(Files.readString(dir.resolve("script.out"))).isZero();
            List<String> lines = Files.readAllLines(calls);
            assertThat(lines).containsExactly(
                    "dnf install -y java-17-amazon-corretto-headless",
                    "systemctl daemon-reload",
                    "systemctl enable --now kon-worker.service",
                    "java -jar " + konHome + "/kon.jar worker --queue jobs-1 --table jobs-ledger --bucket jobs-bucket "
                            + "--threads 4 --idle-exit 0");
            assertThat(konHome.resolve("kon.jar")).hasContent("not really a jar");
            assertThat(konHome.resolve("lib/dep.jar")).exists();
            assertThat(unitDir.resolve("kon-worker.service")).content().contains("KillSignal=SIGTERM")
                    .contains("TimeoutStopSec=" + UserData.STOP_TIMEOUT_SECONDS).contains("Environment=AWS_REGION=eu-central-1")
                    .contains("Restart=on-failure");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void script_nameThatIsNotPlain_isRefusedRatherThanPutIntoTheScript() {
        FleetSpec spec = FleetSpec.defaults("q; rm -rf /", "t", "b", "eu-west-1");

        assertThatThrownBy(() -> UserData.script(URI.create("http://x/a"), spec))
                .hasMessageContaining("queue must be letters");
    }
}
