/**
 * A task-worker child whose model loader ends it, as native loaders do on a malformed model. Only
 * when the task-worker test asks: the test runner also runs every file under test/ on its own.
 */
if (process.env.HARK_TEST_EXIT_AT_START === '1') process.exit(3);
