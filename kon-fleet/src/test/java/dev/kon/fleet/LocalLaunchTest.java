package dev.kon.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalLaunchTest {
    @Test
    void classDataOptions_parentMapsAnArchive_workersMapTheSameQuietly() {
        List<String> parent = List.of("-Xmx1g", "-XX:SharedArchiveFile=/opt/kon/kon.jsa", "-Xshare:auto",
                "-Xlog:cds=off,cds+dynamic=off", "-XX:TieredStopAtLevel=1");

        assertThat(LocalLaunch.classDataOptions(parent)).containsExactly("-XX:SharedArchiveFile=/opt/kon/kon.jsa",
                "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off");
    }

    @Test
    void classDataOptions_parentWithoutArchive_addsNothing() {
        assertThat(LocalLaunch.classDataOptions(List.of("-Xshare:auto", "-Xmx1g"))).isEmpty();
    }
}
