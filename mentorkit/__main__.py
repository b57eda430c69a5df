from mentorkit.cli.entry import main

main()
