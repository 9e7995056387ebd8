"""`make bench`: every benchmark in bench/, each in its own process with its own database.

Arguments go to bench/matching.py, e.g. `python bench/run.py --only programme,city`.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    subprocess.run([sys.executable, str(HERE / "matching.py"), *sys.argv[1:]], check=True)
    for database in ("sqlite", "postgres"):
        subprocess.run(
            [sys.executable, str(HERE / "reports.py"), "--database", database], check=True
        )
