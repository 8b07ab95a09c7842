// The browser tests' gate (emulator, server prepared with minegatectl, bridge, kiosk and its page)
// lives in tools/system/station.mjs, shared with the demo (tools/demo), so that both drive the
// system with one piece of code.
export * from '../../tools/system/station.mjs';
