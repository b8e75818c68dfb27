// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// findBy* and waitFor give up after 1 s by default. On a shared machine a test process may get
// a few percent of a core (measured: 5 % beside eight other jobs and four `yes` hogs on 2 cores),
// so a wait of any fixed length a correct test needs can be exceeded. The limit only catches a
// test that waits for something that never comes: 10 minutes, under jest.config.js'
// testTimeout (15 minutes), so such a test fails with the query's own message.
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 10 * 60 * 1000 });
