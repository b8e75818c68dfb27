import { screen } from '@testing-library/react';

import { FakeGrafana } from '../../testing/fakeGrafana';
import { dsQueryHandler, seedState } from '../../testing/fakeState';
import { renderApp } from '../../testing/renderApp';

// The pages are lazy loaded; the test setup gives findBy* a minute for a busy 2-core CI runner.
describe('App', () => {
  it('shows the overview at /overview', async () => {
    renderApp('/overview', new FakeGrafana(seedState()));
    expect(await screen.findByRole('heading', { name: 'Get started' })).toBeInTheDocument();
  });

  it.each(['/slos', '/'])('shows the SLOs at %s', async (path) => {
    renderApp(
      path,
      new FakeGrafana(
        seedState(),
        dsQueryHandler(() => [])
      )
    );
    expect(await screen.findByRole('table', { name: 'SLOs' })).toBeInTheDocument();
  });
});
