// Who the app is to the OS: one place for the ids that electron-builder.yml, login items, the
// autostart entry and notifications must agree on (packaging.test.ts checks the YAML against these).
export const APP_ID = 'com.basecamp-companion.app';
export const PRODUCT_NAME = 'Basecamp Companion';
