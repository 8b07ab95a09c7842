// The officials' web application: entry point (plain ES modules, no framework).
document.getElementById('app').textContent = 'minegate';
