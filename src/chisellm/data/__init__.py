"""Generation of a leveled, functionally verified Chisel SFT dataset and a held-out eval set."""
