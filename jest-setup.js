// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// findBy* and waitFor give up after 1 s by default: on a shared 2-core CI machine a
// render can take longer, and a slow machine must not fail a correct test.
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 60_000 });
