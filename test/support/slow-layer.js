// Integration and end-to-end tests talk to a real emulator and spawn the CLI: give them time.
jest.setTimeout(60000);
