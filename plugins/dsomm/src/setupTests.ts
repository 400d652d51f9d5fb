import '@testing-library/jest-dom';
import '@testing-library/react';
import { configure, getConfig } from '@testing-library/dom';
import { installFastComputedStyle } from './setupStyles';

const { forget } = installFastComputedStyle();
// A user event changes the DOM before any mutation is reported: styles are forgotten on both
// sides of it.
const { eventWrapper } = getConfig();
configure({
  eventWrapper: callback => {
    forget();
    try {
      return eventWrapper(callback);
    } finally {
      forget();
    }
  },
});
