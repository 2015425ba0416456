package io.edarouter.startup;

import java.time.Duration;

import io.edarouter.testsupport.UserFolderRouter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar eda-router.jar} run from a folder without {@code routes/}: the router stops at once, before
 * it starts anything, and says where it looked and what to do.
 */
class MissingRoutesIT {

    @Test
    void aFolderWithoutRoutesIsRefusedBeforeAnythingStartsWithWhatToDo() {
        UserFolderRouter router = UserFolderRouter.inEmptyFolder("no-routes");

        int exit = router.runToExit(Duration.ofSeconds(120));

        assertThat(exit).isNotZero();
        assertThat(router.log())
                .contains("No routes at file:routes/*.camel.yaml (working folder " + router.folder() + ")")
                .contains("run the router from the folder that holds routes/")
                .contains("camel.main.routes-include-pattern")
                .doesNotContain("Embedded Kafka broker ready")
                .doesNotContain("NoSuchFileException")
                .doesNotContain("\tat ");
    }
}
