import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';

import { ROUTES } from '../../constants';

const Overview = React.lazy(() => import('../../pages/Overview'));
const SlosHome = React.lazy(() => import('../../pages/slos/SlosHome'));
const SloWizard = React.lazy(() => import('../../pages/slos/SloWizard'));
const SloDetail = React.lazy(() => import('../../pages/slos/SloDetail'));
const GettingStarted = React.lazy(() => import('../../pages/GettingStarted'));

function App(_: AppRootProps) {
  return (
    <Routes>
      <Route path={ROUTES.Overview} element={<Overview />} />
      <Route path={ROUTES.GettingStarted} element={<GettingStarted />} />
      <Route path={ROUTES.Slos} element={<SlosHome />} />
      <Route path={ROUTES.NewSlo} element={<SloWizard />} />
      <Route path={`${ROUTES.Slos}/:datasourceUid/:sloId`} element={<SloDetail />} />
      <Route path={`${ROUTES.Slos}/:datasourceUid/:sloId/edit`} element={<SloWizard />} />
      <Route path="*" element={<SlosHome />} />
    </Routes>
  );
}

export default App;
