/**
 * A worker-process child whose model loader kills the process, as native loaders do on a malformed model. Only
 * when the worker-process test asks: the test runner also runs every file under test/ on its own.
 */
if (process.env.HARK_TEST_EXIT_AT_START === '1') process.exit(3);
