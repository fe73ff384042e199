import { defineMessages } from '../message-module.js';

/** Texts of the cookie charter template. */
export const charterMessages = defineMessages({
  fr: {
    'charter.title': 'Charte cookies',
  },
  en: {
    'charter.title': 'Cookie policy',
  },
});
