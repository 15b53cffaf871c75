"""Published exhibits: releases written by `kiosk publish`, checked and adopted by kiosks."""
