"use strict";
// Fichier d essai / test file
const socket = new WebSocket(`ws://${location.host}/ui/socket`);
